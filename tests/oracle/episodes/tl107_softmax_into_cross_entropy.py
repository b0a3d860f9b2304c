"""Oracle episodes of TL107 softmax-into-cross-entropy: probabilities from a softmax
(the function, the method, an `nn.Softmax` layer) given to `F.cross_entropy` or
`nn.CrossEntropyLoss` (the pitfall), next to the logits themselves, `log_softmax`
into `nll_loss`, and `log_softmax` into `cross_entropy` (harmless).
"""

from __future__ import annotations

from ..builder import Builder, episode

SCORES = ("F.softmax({z}, dim=1)", "{z}.softmax(dim=1)", "torch.softmax({z}, 1)", "nn.Softmax(dim=1)({z})",
          "F.softmax({z}, dim=-1)", "{z}", "F.log_softmax({z}, dim=1)", "torch.sigmoid({z})")
LOSSES = ("F.cross_entropy({p}, {y})", "nn.CrossEntropyLoss()({p}, {y})", "F.nll_loss({p}, {y})")


@episode("TL107", weight=2)
def classifier_loss(b: Builder) -> None:
    z, y, p = b.fresh("logits"), b.fresh("target"), b.fresh("probs")
    classes = b.choice((3, 4, 5))
    grad = ", requires_grad=True" if b.chance(0.6) else ""
    if not b.stmt(f"{z} = torch.randn(2, {classes}{grad})") or not b.stmt(f"{y} = torch.randint(0, {classes}, (2,))"):
        return
    scores = b.choice(SCORES).format(z=z)
    loss = b.choice(LOSSES)
    if "nll_loss" in loss and "log_softmax" not in scores:
        scores = f"F.log_softmax({z}, dim=1)"
    if not b.stmt(f"{p} = {scores}"):
        return
    b.assign("loss", loss.format(p=p, y=y))
