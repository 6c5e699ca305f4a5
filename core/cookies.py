"""Cookie names more than one app reads."""

# The signed cart id (orders.cart); the page cache never serves a cached page to a visitor
# who has one.
CART_COOKIE = "keranjang"
