"""Real databases nobody here wrote: pagila and northwind (../shared/datasets).

The expected findings were worked out by reading their schemas, not by
copying dbaudit's output:

pagila
  - S002: foreign keys whose columns lead no index.  film_category
    (category_id) sits second in the primary key (film_id, category_id);
    inventory (film_id) sits second in idx_store_id_film_id (store_id,
    film_id): the guide's LIKE-based query 2 would call both indexed.
    rental (customer_id, staff_id), staff (address_id, store_id), store
    (address_id) have no index at all.  The payment partitions p2022_01..06
    each declare their own rental_id foreign key and index only customer_id
    and staff_id.
  - S003: the partitioned payment table declares no foreign key; six of its
    seven partitions do (p2022_07 has none), so customer_id, rental_id and
    staff_id are unprotected there.  store.manager_staff_id points at staff
    with no foreign key (sakila had one; pagila dropped it).
  - S012: film.replacement_cost and payment.amount are money without CHECK.
  - S020: each of payment_p2022_01..06 has two identical indexes on
    customer_id (idx_fk_payment_p2022_0N_customer_id and
    payment_p2022_0N_customer_id_idx).
  - nothing tenant- or RLS-related: pagila has no tenants.

northwind
  - S002: no foreign key column is indexed unless it leads a primary key:
    customer_customer_demo.customer_type_id, employee_territories.territory_id,
    employees.reports_to, order_details.product_id, orders.customer_id,
    orders.employee_id, orders.ship_via, products.category_id,
    products.supplier_id, territories.region_id.
  - S012: order_details.quantity and unit_price, products.unit_price and
    units_in_stock have no CHECK.
  - every table has a primary key; every reference column has its key.
"""
import os

from harness import SHARED, audit, drop_db, eq, main, new_db, pairs

PAGILA = sorted(
    [("S002", f"public.{o}") for o in [
        "film_category.category_id", "inventory.film_id", "rental.customer_id", "rental.staff_id",
        "staff.address_id", "staff.store_id", "store.address_id"]]
    + [("S002", f"public.payment_p2022_0{n}.rental_id") for n in range(1, 7)]
    + [("S003", f"public.{o}") for o in [
        "payment.customer_id", "payment.rental_id", "payment.staff_id", "store.manager_staff_id"]]
    + [("S012", "public.film.replacement_cost"), ("S012", "public.payment.amount")]
    + [("S020", f"public.payment_p2022_0{n}.customer_id") for n in range(1, 7)])

NORTHWIND = sorted(
    [("S002", f"public.{o}") for o in [
        "customer_customer_demo.customer_type_id", "employee_territories.territory_id", "employees.reports_to",
        "order_details.product_id", "orders.customer_id", "orders.employee_id", "orders.ship_via",
        "products.category_id", "products.supplier_id", "territories.region_id"]]
    + [("S012", f"public.{o}") for o in [
        "order_details.quantity", "order_details.unit_price", "products.unit_price", "products.units_in_stock"]])


def test_pagila():
    d = os.path.join(SHARED, "datasets", "pagila")
    db = new_db(files=[os.path.join(d, "pagila-schema.sql"), os.path.join(d, "pagila-data.sql")], prefix="pagila")
    try:
        rc, doc, err = audit(db, "--fail-on", "none")
        eq(rc, 0, "exit code")
        eq(pairs(doc), PAGILA, "pagila findings")
        eq(doc["sources"], [{"name": db, "state": "audited", "tables": 15}], "sources")
        rc, doc2, _ = audit(db, "--fail-on", "none")
        eq([f["fingerprint"] for f in doc2["findings"]], [f["fingerprint"] for f in doc["findings"]],
           "fingerprints are stable across runs")
        # The partition note says how many partitions have the key.
        msg = [f["message"] for f in doc["findings"] if f["location"]["object"] == "public.payment.customer_id"][0]
        assert "6 of its 7 partitions have one" in msg, msg
    finally:
        drop_db(db)


def test_northwind():
    db = new_db(files=[os.path.join(SHARED, "datasets", "northwind", "northwind.sql")], prefix="northwind")
    try:
        rc, doc, err = audit(db)
        eq(rc, 0, "only warnings: exit 0 at the default --fail-on error")
        eq(pairs(doc), NORTHWIND, "northwind findings")
    finally:
        drop_db(db)


if __name__ == "__main__":
    main(globals())
