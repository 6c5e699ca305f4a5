"""The demo's seeding steps, one module per job; ``seed_demo`` runs them in order.

Reference data (businesses, products, outlets, drawn photos) is in ``data``; ``bulk`` adds the
generated vendors and products of the benchmarks.
"""
