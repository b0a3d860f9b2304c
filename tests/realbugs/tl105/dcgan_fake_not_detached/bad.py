# source: https://github.com/pytorch/examples/issues/116
# The DCGAN example's discriminator step on fake images. A commenter who left
# out `.detach()` in `netD(fake.detach())` got the error at the generator's
# backward: the discriminator's backward had already freed the generator's graph.
import torch
import torch.nn as nn

nz, ngf = 8, 16


class Generator(nn.Module):
    def __init__(self):
        super(Generator, self).__init__()
        self.main = nn.Sequential(nn.Linear(nz, ngf), nn.ReLU(True), nn.Linear(ngf, 32), nn.Tanh())

    def forward(self, input):
        return self.main(input)


class Discriminator(nn.Module):
    def __init__(self):
        super(Discriminator, self).__init__()
        self.main = nn.Sequential(nn.Linear(32, ngf), nn.LeakyReLU(0.2, inplace=True), nn.Linear(ngf, 1),
                                  nn.Sigmoid())

    def forward(self, input):
        return self.main(input).view(-1)


netG, netD = Generator(), Discriminator()
criterion = nn.BCELoss()
optimizerD = torch.optim.Adam(netD.parameters(), lr=0.0002)
optimizerG = torch.optim.Adam(netG.parameters(), lr=0.0002)
real_label, fake_label = 1.0, 0.0

for i, data in enumerate([torch.randn(4, 32) for _ in range(2)]):
    # (1) Update D network: maximize log(D(x)) + log(1 - D(G(z)))
    netD.zero_grad()
    batch_size = data.size(0)
    label = torch.full((batch_size,), real_label)
    output = netD(data)
    errD_real = criterion(output, label)
    errD_real.backward()

    noise = torch.randn(batch_size, nz)
    fake = netG(noise)
    label.fill_(fake_label)
    output = netD(fake)
    errD_fake = criterion(output, label)
    errD_fake.backward()
    optimizerD.step()

    # (2) Update G network: maximize log(D(G(z)))
    netG.zero_grad()
    label.fill_(real_label)
    output = netD(fake)
    errG = criterion(output, label)
    errG.backward()  # error: TL105
    optimizerG.step()
