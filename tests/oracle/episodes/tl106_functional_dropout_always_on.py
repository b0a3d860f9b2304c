"""Oracle episodes of TL106 functional-dropout-always-on: a module whose forward calls
`F.dropout` without `training=` or with `training=True` (the pitfall), with
`training=self.training`, with `p=0.0`, under `if self.training:`, or an `nn.Dropout`
layer; run in eval mode, after a forward in training mode or not. (The finding is
about eval mode, so every episode evaluates: a model that is only ever trained
shows nothing a run could judge.)
"""

from __future__ import annotations

from ..builder import INDENT, Builder, episode

FORWARDS = (
    "return F.dropout(self.fc(x), p=0.5)",
    "return F.dropout(self.fc(x), 0.5)",
    "return F.dropout(self.fc(x), p=0.5, training=True)",
    "return F.dropout(self.fc(x), p=0.5, training=self.training)",
    "return F.dropout(self.fc(x), 0.5, self.training)",
    "return F.dropout(self.fc(x), p=0.0)",
    "return self.drop(self.fc(x))",
    "h = self.fc(x)\nif self.training:\n    h = F.dropout(h, p=0.5)\nreturn h",
    "return F.alpha_dropout(self.fc(x), p=0.5)",
    "return F.alpha_dropout(self.fc(x), p=0.5, training=True)",
)


@episode("TL106", weight=2, places=("top",))
def evaluated_module(b: Builder) -> None:
    name, net = b.fresh("Net"), b.fresh("net")
    forward = b.choice(FORWARDS)
    lines = [f"class {name}(nn.Module):",
             INDENT + "def __init__(self):",
             INDENT * 2 + "super().__init__()",
             INDENT * 2 + "self.fc = nn.Linear(4, 4)",
             INDENT * 2 + "self.drop = nn.Dropout(0.5)",
             "",
             INDENT + "def forward(self, x):"] + [INDENT * 2 + line for line in forward.split("\n")]
    if not b.stmt("\n".join(lines)):
        return
    if not b.stmt(f"{net} = {name}()"):
        return
    if b.chance(0.3) and not b.stmt(f"{b.fresh('out')} = {net}(torch.randn(2, 4))"):
        return
    if not b.stmt(b.choice((f"{net}.eval()", f"{net}.train(False)", f"{net}.eval()"))):
        return
    b.stmt(f"{b.fresh('out')} = {net}(torch.randn(2, 4))")
