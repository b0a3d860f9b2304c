"""The prefilter: trigger tokens, word starts, str and bytes alike."""

from torchlint.prefilter import has_trigger

TOKENS = (".view(", "new_tensor(", "tensor(")


def test_word_start_tokens_skip_longer_names():
    assert has_trigger("y = torch.tensor(x)", TOKENS)
    assert has_trigger("tensor(x)", TOKENS)
    assert has_trigger("a = b.new_tensor(x)", TOKENS)
    assert not has_trigger("t = to_tensor(x); u = as_tensor(x); isTensor(x)", TOKENS)
    assert has_trigger("t = to_tensor(x); u = tensor(x)", TOKENS)  # a later match still counts
    assert not has_trigger("", TOKENS)


def test_dot_tokens_match_anywhere():
    assert has_trigger("a.b.view(-1)", TOKENS)
    assert not has_trigger("a.b.viewport(-1)", TOKENS)


def test_bytes_behave_like_text():
    for text in ("y = torch.tensor(x)", "t = to_tensor(x)", "a.view(1)", "é_tensor(1)", "éxtensor(1)"):
        assert has_trigger(text.encode("utf-8"), TOKENS) == has_trigger(text, TOKENS), text
