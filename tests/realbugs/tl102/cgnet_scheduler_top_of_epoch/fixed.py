# source: https://github.com/coarse-graining/cgnet/issues/105
# Fixed: the scheduler steps at the end of the epoch, after the batches.
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(6, 16), nn.Tanh(), nn.Linear(16, 3))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[1], gamma=0.5)
trainloader = [(torch.randn(8, 6), torch.randn(8, 3), torch.randn(8, 1)) for _ in range(3)]
num_epochs = 2

for epoch in range(1, num_epochs + 1):
    test_loss = 0.00
    train_loss = 0.0
    n = 0
    for num, batch in enumerate(trainloader):
        optimizer.zero_grad()
        coord, force, embedding_property = batch
        predicted = model(coord)
        loss = ((predicted - force) ** 2).mean()
        loss.backward()
        optimizer.step()
        train_loss += loss.item()
        n += 1
    scheduler.step()
    print(epoch, train_loss / n)
