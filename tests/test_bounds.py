"""The library's own bounds: size, time, empty and binary input give a CleanError
with a reason, never a hang or a crash."""

from __future__ import annotations

import pytest

from cleaner import Cleaner, CleanError

SENTENCE = "정부는 내년 예산안을 국회에 제출하면서 반도체 지원을 늘리겠다고 밝혔다.\n"


@pytest.mark.parametrize("content,reason", [
    ("", "empty"), ("   \n\t\n", "empty"), (b"", "empty"),
    (bytes(range(0, 32)) * 100, "binary"),
])
def test_unusable_input_is_rejected_with_a_reason(content, reason):
    with pytest.raises(CleanError) as err:
        Cleaner().clean(content)
    assert err.value.reason == reason


def test_size_bound():
    cleaner = Cleaner(max_bytes=10_000)
    with pytest.raises(CleanError) as err:
        cleaner.clean(SENTENCE.encode() * 1000)
    assert err.value.reason == "too-large"
    assert cleaner.clean(SENTENCE.encode() * 10).text  # under the bound: cleaned


def test_time_bound_stops_a_long_document():
    cleaner = Cleaner(time_limit=0.001)
    with pytest.raises(CleanError) as err:
        cleaner.clean(SENTENCE * 20_000)
    assert err.value.reason == "timeout"
    assert "limit" in err.value.detail


def test_no_time_bound_when_asked():
    article = Cleaner(time_limit=None).clean(SENTENCE * 2000)
    assert len(article.paragraphs) == 2000


def test_wrong_type_is_a_clean_error():
    with pytest.raises(CleanError) as err:
        Cleaner().clean(12345)  # type: ignore[arg-type]
    assert err.value.reason == "bad-type"
