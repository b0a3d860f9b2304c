"""Messages users misread once, each pinned on a small source (the case files' goldens pin the rest)."""

from torchlint.engine import check_source
from torchlint.rule import builtin_rule_dir, load_rules

RULES = load_rules([builtin_rule_dir()])


def messages(source: str) -> list:
    return [f"{d.line}:{d.col}: {d.code} {d.message}" for d in check_source(source, "m.py", RULES)]


def test_tl003_writes_a_one_dim_shape_as_a_tuple():
    assert messages("import torch\nw = torch.randn(8, requires_grad=True)\n(w * 2).backward()\n") == [
        "3:9: TL003 .backward() on '(w * 2)', which has shape (8,), not a scalar; reduce it first "
        "(.sum() or .mean()) or pass gradient="]


def test_tl004_on_a_detached_tensor_does_not_detach_it_twice():
    assert messages("import torch\nout = torch.randn(3, requires_grad=True)\nc = torch.tensor(out.detach())\n") == [
        "3:11: TL004 torch.tensor() copies 'out.detach()', which is already a tensor (PyTorch warns); "
        "use out.detach().clone()"]


def test_tl005_names_the_dim_whose_stride_is_negative():
    assert messages("import torch\nx = torch.randn(6)\ny = x.as_strided((3, 2), (1, -1))\n") == [
        "3:7: TL005 as_strided() with stride (1, -1): the stride of dim 1 is negative, which torch does not "
        "support; index with flipped or computed positions instead (e.g. .flip())"]
