"""Oracle episodes of TL005 as-strided-negative-stride: `as_strided` with literal, read, named
and negative strides, sizes kept in bounds of the storage.
"""

from __future__ import annotations

from ..builder import Builder, episode


@episode("TL005", weight=3)
def as_strided(b: Builder) -> None:
    x = b.tensor_or_new(lambda t: t.numel() > 0)
    if x is None:
        return
    t = b.value(x)
    if t.numel() == 0:
        return
    storage = t.untyped_storage().nbytes() // t.element_size()
    rank = b.integer(1, 2)
    # strides: (text, value)
    entries = []
    named = {}
    for _ in range(rank):
        kind = b.choice(("literal", "literal", "stride", "named", "negative"))
        if kind == "literal" or t.dim() == 0:
            value = b.integer(0, 3)
            entries.append((str(value), value))
        elif kind == "stride":
            d = b.integer(0, t.dim() - 1)
            value = t.stride(d)
            entries.append((f"{x}.stride({d})", value))
        elif kind == "named":
            d = b.integer(0, t.dim() - 1)
            if d not in named:
                named[d] = b.fresh("s")
                if not b.stmt(f"{named[d]} = {x}.stride({d})"):
                    return
            sign = b.choice(("", "-"))
            value = t.stride(d) * (-1 if sign else 1)
            entries.append((f"{sign}{named[d]}", value))
        else:
            form = b.integer(0, 2)
            if form == 0 or t.dim() == 0:
                value = -b.integer(1, 2)
                entries.append((str(value), value))
            else:
                d = b.integer(0, t.dim() - 1)
                entries.append((f"-{x}.stride({d})", -t.stride(d)))
    sizes = [b.integer(1, 3) for _ in range(rank)]
    offset = b.choice((None, None, 0, 1))
    base = t.storage_offset() if offset is None else offset
    negative = any(v < 0 for _, v in entries)
    if not negative and base + sum((n - 1) * s for n, (_, s) in zip(sizes, entries)) >= storage:
        sizes = [1] * rank
        if base >= storage:
            offset, base = 0, 0
    size_text = "(" + ", ".join(map(str, sizes)) + ("," if rank == 1 else "") + ")"
    stride_text = "(" + ", ".join(text for text, _ in entries) + ("," if rank == 1 else "") + ")"
    if rank == t.dim() and b.chance(0.15):
        size_text, stride_text = f"{x}.size()", b.choice((f"{x}.stride()", f"{x}.stride()[::-1]"))
        if t.dim() >= 2 and base + sum((n - 1) * s for n, s in zip(t.shape, t.stride()[::-1])) >= storage:
            stride_text = f"{x}.stride()"
    if b.chance(0.25):
        held = b.fresh("st")
        if not b.stmt(f"{held} = {stride_text}"):
            return
        stride_text = held
    tail = "" if offset is None else b.choice((f", {offset}", f", storage_offset={offset}"))
    form = b.integer(0, 2)
    if form == 0:
        call = f"torch.as_strided({x}, {size_text}, {stride_text}{tail})"
    elif form == 1:
        call = f"{x}.as_strided({size_text}, {stride_text}{tail})"
    else:
        tail = "" if offset is None else f", storage_offset={offset}"
        call = f"{x}.as_strided(size={size_text}, stride={stride_text}{tail})"
    b.assign("view", call)
