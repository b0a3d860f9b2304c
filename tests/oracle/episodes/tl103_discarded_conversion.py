"""Oracle episodes of TL103 discarded-conversion: a tensor's conversion written as a
statement of its own (the pitfall: the copy is thrown away), next to the same
conversion assigned back, a conversion to what the tensor already is (it returns the
tensor itself: nothing is lost), and conversions of a module, which are in place.
"""

from __future__ import annotations

import torch

from ..builder import Builder, episode, new_tensor

# conversions of a float32 tensor on the CPU: copies, and (the last three) the tensor itself.
# Not `.cpu()`: the interpreter does not follow devices, and reports it (see the rule's doc)
FLOAT_TO = ("double()", "half()", "long()", "int()", "bool()", "to(torch.float64)", "to(torch.int32)",
            "to(dtype=torch.float16)", "type(torch.float64)", "float()", "to(torch.float32)", "to(dtype=torch.float)")


@episode("TL103", weight=2)
def thrown_away(b: Builder) -> None:
    x = b.tensor_or_new(lambda t: t.dtype == torch.float32)
    if x is None:
        return
    conversion = b.choice(FLOAT_TO)
    if b.chance(0.25):
        b.stmt(f"{x} = {x}.{conversion}")
    else:
        b.stmt(f"{x}.{conversion}")
    if b.ctxs and b.chance(0.5):
        b.assign("y", f"{x} * 2")


@episode("TL103", places=("top",))
def module_in_place(b: Builder) -> None:
    layer = b.fresh("layer")
    if not b.stmt(f"{layer} = nn.Linear(3, 2)"):
        return
    b.stmt(f"{layer}.{b.choice(('double()', 'float()', 'to(torch.float64)', 'cpu()', 'half()'))}")
    x = new_tensor(b, shape=(2, 3), floating=True, grad=False)
    if x is not None and b.ctxs:
        b.assign("y", f"{layer}({x}.to({layer}.weight.dtype))")
