# source: https://github.com/coarse-graining/cgnet/issues/105
# The report's example training script starts each epoch with scheduler.step(),
# then loops over the training batches (zero_grad, forward, loss, backward,
# step); under PyTorch >= 1.1 torch warns at that first scheduler step. The
# thread does not show which scheduler; a MultiStepLR stands in for it.
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(6, 16), nn.Tanh(), nn.Linear(16, 3))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[1], gamma=0.5)
trainloader = [(torch.randn(8, 6), torch.randn(8, 3), torch.randn(8, 1)) for _ in range(3)]
num_epochs = 2

for epoch in range(1, num_epochs + 1):
    scheduler.step()  # error: TL102
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
    print(epoch, train_loss / n)
