# source: https://github.com/pytorch/pytorch/issues/6990
# The maintainer's answer to "what is the difference between .data and
# .detach()": a sigmoid's output is zeroed through its detached alias, and the
# backward that needs the original output is refused.
import torch

a = torch.tensor([1, 2, 3.], requires_grad=True)
out = a.sigmoid()
c = out.detach()
c.zero_()
print(out)
out.sum().backward()  # error: TL008
