"""The record area's public and dashboard URLs (joined in urls.py)."""

from django.urls import path

from . import record_views

urlpatterns = [
    path("dasbor/koperasi/jumlah-anggota/", record_views.add_member_count, name="member_count_add"),
    path("dasbor/koperasi/rat/baru/", record_views.add_rat, name="rat_add"),
    path("dasbor/koperasi/rat/<int:pk>/", record_views.correct_rat, name="rat_correct"),
    path("dasbor/koperasi/rat/<int:pk>/laporan/", record_views.rat_report, name="rat_report"),
]
