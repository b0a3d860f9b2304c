# source: https://github.com/pytorch/pytorch/issues/39224
# The reporter expected a negative stride to walk backwards from storage_offset
# (torch 1.5 silently used stride 1; torch now raises).
import torch

x = torch.arange(16)
y = x.as_strided((4, ), (1, ), 8 - 3).flip(0)  # walk backwards from offset 8
print(y)
