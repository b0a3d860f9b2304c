# source: https://github.com/data-apis/array-api-compat/issues/144
# array-api-compat wraps torch in functions; supporting x[::-1] for torch was tried
# by building the reversed view from the strides.
import torch


def _reversed_view(x, axis=0):
    size = list(x.shape)
    stride = list(x.stride())
    offset = x.storage_offset() + (size[axis] - 1) * stride[axis]
    stride[axis] = -stride[axis]
    return torch.as_strided(x, size, stride, offset)  # error: TL005


def getitem(x, key):
    if isinstance(key, slice) and key.step is not None and key.step < 0:
        return _reversed_view(x)[slice(None, None, -key.step)]
    return x[key]


a = torch.arange(10)
print(getitem(a, slice(None, None, -1)))
