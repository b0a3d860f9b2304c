# source: https://github.com/sergeywong/cp-vton/issues/30
# train.py's train_gmm step: agnostic person representation and cloth go through
# the GMM of networks.py.
import torch

from networks import GMM

model = GMM()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)


def train_gmm(agnostic, cloth, steps=1):
    model.train()
    for step in range(steps):
        theta = model(agnostic, cloth)
        loss = theta.abs().mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


train_gmm(torch.randn(4, 22, 8, 6), torch.randn(4, 3, 8, 6))
