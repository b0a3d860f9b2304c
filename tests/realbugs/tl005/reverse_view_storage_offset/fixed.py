# source: https://github.com/pytorch/pytorch/issues/33290
# Reversing a vector by starting at its last element with a stride of -1, as
# NumPy allows; the expected output was tensor([4, 3, 2, 1, 0]).
import torch

foo = torch.arange(5)
rev = foo.flip(0)
print(rev)
