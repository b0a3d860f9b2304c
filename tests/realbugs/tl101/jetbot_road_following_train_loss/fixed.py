# source: https://github.com/NVIDIA-AI-IOT/jetbot/pull/117
# The PR's fix: train_loss += float(loss), test_loss += float(loss).
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

torch.manual_seed(0)
NUM_EPOCHS = 2
device = torch.device("cuda")  # the reporter's run: on a GPU (a Jetson Nano)

model = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                      nn.Linear(8, 2))
model = model.to(device)
train_loader = [(torch.rand(4, 3, 24, 24), torch.rand(4, 2)) for _ in range(3)]
test_loader = [(torch.rand(4, 3, 24, 24), torch.rand(4, 2)) for _ in range(2)]
optimizer = optim.Adam(model.parameters())

for epoch in range(NUM_EPOCHS):
    model.train()
    train_loss = 0.0
    for images, labels in iter(train_loader):
        images = images.to(device)
        labels = labels.to(device)
        optimizer.zero_grad()
        outputs = model(images)
        loss = F.mse_loss(outputs, labels)
        train_loss += float(loss)
        loss.backward()
        optimizer.step()
    train_loss /= len(train_loader)

    model.eval()
    test_loss = 0.0
    for images, labels in iter(test_loader):
        images = images.to(device)
        labels = labels.to(device)
        outputs = model(images)
        loss = F.mse_loss(outputs, labels)
        test_loss += float(loss)
    test_loss /= len(test_loader)
    print('%f, %f' % (train_loss, test_loss))
