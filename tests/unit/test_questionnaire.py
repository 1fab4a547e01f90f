"""Method definitions: the shipped ones are complete, bad ones fail with a clear message."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from sipas.reference.questionnaires import (
    MethodError,
    get_method,
    load_method_file,
    load_methods,
    parse_method,
)


def test_qd2640_has_five_elements_and_twenty_two_criteria() -> None:
    method = get_method("qd2640")
    assert [e.code for e in method.elements] == ["YT1", "YT2", "YT3", "YT4", "YT5"]
    assert [len(e.items) for e in method.elements] == [4, 5, 6, 3, 4]
    assert method.item_codes == tuple(f"TC{n:02d}" for n in range(1, 23))
    assert method.items[18].text.startswith("Cơ quan có bố trí hình thức tiếp nhận góp ý")
    assert len(method.pillars) == 1


def test_qd1001_has_two_pillars_and_thirty_three_items() -> None:
    method = get_method("qd1001")
    policy, services = method.pillars
    assert (policy.code, policy.item_count) == ("CS", 14)
    assert (services.code, services.item_count) == ("DV", 19)
    assert [e.code for e in services.elements] == ["YT0", "YT1", "YT2", "YT3", "YT4", "YT5"]
    assert method.pillar_weights() == {"CS": 0.5, "DV": 0.5}
    assert method.pillar_weights("item_count") == pytest.approx({"CS": 14 / 33, "DV": 19 / 33})


def test_element_of_an_item() -> None:
    assert get_method("qd2640").element_of("TC19").code == "YT5"
    with pytest.raises(KeyError):
        get_method("qd2640").element_of("XX")


def test_unknown_method_names_the_known_ones() -> None:
    with pytest.raises(MethodError, match=r"Không có phương pháp 'qd9999'.*qd1001, qd2640"):
        get_method("qd9999")


def raw_method() -> dict:
    path = Path(__file__).resolve().parents[2] / "data/questionnaires/qd2640.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m.pop("pillars"), "danh sách 'pillars'"),
        (lambda m: m.update(pillar_weighting="by_size"), "trọng số trụ cột không hợp lệ"),
        (
            lambda m: m["pillars"][0]["elements"][0]["items"][0].update(code="TC 01"),
            "mã không hợp lệ",
        ),
        (
            lambda m: m["pillars"][0]["elements"][1]["items"][0].update(code="TC01"),
            "tiêu chí TC01 bị trùng",
        ),
        (lambda m: m["pillars"][0]["elements"][0]["items"][0].pop("text"), "Thiếu nội dung 'text'"),
        (lambda m: m["pillars"][0]["elements"][0].update(number="một"), "số thứ tự"),
        (lambda m: m["pillars"][0]["elements"][0].update(items=[]), "danh sách 'items'"),
    ],
)
def test_bad_definitions_are_rejected_with_a_vietnamese_message(change, message) -> None:
    raw = copy.deepcopy(raw_method())
    change(raw)
    with pytest.raises(MethodError, match=message):
        parse_method(raw, "thu.yaml")


def test_broken_yaml_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "hong.yaml"
    path.write_text("code: [unclosed", encoding="utf-8")
    with pytest.raises(MethodError, match=r"hong.yaml sai cú pháp YAML"):
        load_method_file(path)


def test_two_files_with_one_code_are_rejected(tmp_path: Path) -> None:
    text = yaml.safe_dump(raw_method(), allow_unicode=True)
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(MethodError, match=r"xuất hiện ở hai tệp"):
        load_methods(tmp_path)
