# source: https://github.com/pytorch/pytorch/issues/40264
# The reporter casts a random float tensor to long and asks the result to
# require grad (then compares with requires_grad_() before the cast, looking
# at the result in the REPL).
import torch

x = torch.rand(3, 3)
x.long().requires_grad_()  # error: TL007
print(x.requires_grad_().long())
