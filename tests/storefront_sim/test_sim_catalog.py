from __future__ import annotations

import random
from collections import Counter

from storefront_sim.catalog import ItemPicker, part_number, product_id


def test_sku_numbers_map_to_catalog_entry_ids_and_back() -> None:
    assert (product_id(1), product_id(500), part_number("12042")) == ("12001", "12500", "SKU-0042")


def test_the_most_popular_item_is_picked_most_often() -> None:
    picker, rng = ItemPicker(1, 500, 1.1), random.Random(5)
    picks = Counter(picker.pick(rng) for _ in range(3000))
    assert picks.most_common(1)[0][0] == "12001"


def test_hot_items_take_their_share_of_picks() -> None:
    picker, rng = ItemPicker(1, 500, 1.1, hot_items=(42,), hot_share=0.7), random.Random(2)
    picks = Counter(picker.pick(rng) for _ in range(2000))
    assert 1300 < picks["12042"] < 1500


def test_picks_stay_inside_the_catalogue_slice() -> None:
    picker, rng = ItemPicker(101, 5, 0.5), random.Random(9)
    assert {picker.pick(rng) for _ in range(500)} == {"12101", "12102", "12103", "12104", "12105"}


def test_a_search_page_shows_distinct_products() -> None:
    page = ItemPicker(1, 500, 1.1).pick_distinct(random.Random(4), 8)
    assert len(page) == len(set(page)) == 8
