# source: https://github.com/pytorch/pytorch/issues/143702
# A wrapper around Tensor.as_strided is given a row stride of -80 (the report is that
# under torch.compile it crashed; eager torch raises). The fix is in torch; this fixed
# version passes a positive row stride over an input large enough to hold the view.
import torch


def as_strided(input, size, stride, storage_offset=0):
    return input.as_strided(size, stride, storage_offset)  # error: TL005


input = torch.tensor([], dtype=torch.float32)
size = [17, 18]
stride = [-80, 1]
storage_offset = 1

out2 = as_strided(input, size, stride, storage_offset)
print(out2.shape)
