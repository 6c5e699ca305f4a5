from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "website/blocks/heading.html"
        label = _("Heading")


class StoryBlock(blocks.StreamBlock):
    """The editorial blocks every content page shares."""

    heading = HeadingBlock(max_length=120)
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], label=_("Paragraph")
    )
    image = ImageBlock(label=_("Image"), template="website/blocks/image.html")
    quote = blocks.BlockQuoteBlock(label=_("Quote"))
