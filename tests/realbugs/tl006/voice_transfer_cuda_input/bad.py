# source: https://github.com/mazzzystar/randomCNN-voice-transfer/issues/16
# Style transfer on spectrograms with a random CNN: the generated spectrogram is
# made with requires_grad=True, then moved to the GPU (the reporter ran on one),
# and the moved copy is handed to Adam.
import torch
import torch.nn as nn
from torch.autograd import Variable

cuda = True  # the reporter's run: on a GPU


class RandomCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, kernel_size=(3, 1))

    def forward(self, x):
        return torch.relu(self.conv(x))


def gram(features):
    flat = features.flatten(2)
    return flat @ flat.transpose(1, 2)


a_content_torch = torch.randn(1, 1, 16, 6)
a_style_torch = torch.randn(1, 1, 16, 6)
model = RandomCNN()
model.eval()
if cuda:
    model = model.cuda()
    a_content_torch = a_content_torch.cuda()
    a_style_torch = a_style_torch.cuda()
with torch.no_grad():
    a_C = model(a_content_torch)
    a_S = model(a_style_torch)

a_G_var = Variable(torch.randn(a_content_torch.shape) * 1e-3, requires_grad=True)
if cuda:
    a_G_var = a_G_var.cuda()
optimizer = torch.optim.Adam([a_G_var])  # error: TL006

for epoch in range(1, 4):
    optimizer.zero_grad()
    a_G = model(a_G_var)
    loss = 1e2 * (a_G - a_C).pow(2).mean() + (gram(a_G) - gram(a_S)).pow(2).mean()
    loss.backward()
    optimizer.step()
