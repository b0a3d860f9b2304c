# source: https://github.com/pytorch/pytorch/issues/147100
# A fuzzed program passes its sizes and strides as arguments; eager torch raises on
# the negative stride (the report is that torch.compile crashed instead). The fix
# is in torch; this fixed version passes a valid column count and stride.
import torch


def f(*args):
    sym_0, sym_1, sym_2, sym_3 = args

    var_374 = torch.tril_indices(row=sym_0, col=sym_1, offset=0)
    var_483 = torch.as_strided(var_374, size=sym_2, stride=sym_3, storage_offset=None)  # error: TL005
    return var_483 + 1.


res = f(751, 0, (1,), (-1,))
print(res)
