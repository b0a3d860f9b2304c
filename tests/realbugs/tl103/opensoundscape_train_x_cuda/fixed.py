# source: https://github.com/kitzeslab/opensoundscape/pull/201
# The PR's fix: X = X.cuda() (and y = y.cuda()).
import torch
import torch.nn as nn

cuda_available = True  # the reporter's run: on a GPU


def train(model, train_dataset, optimizer, loss_fn, epochs=1):
    if cuda_available:
        model.cuda()
    for epoch in range(epochs):
        model.train()
        for batch in train_dataset:
            X, y = batch["X"], batch["y"]
            if cuda_available:
                X = X.cuda()
                y = y.cuda()
            optimizer.zero_grad()
            outputs = model(X)
            loss = loss_fn(outputs, y)
            loss.backward()
            optimizer.step()


def predict(model, prediction_dataset):
    if cuda_available:
        model.cuda()
    model.eval()
    all_predictions = []
    for batch in prediction_dataset:
        X = batch["X"]
        if cuda_available:
            X = X.cuda()
        predictions = model(X)
        all_predictions.extend(predictions.detach().cpu().numpy().tolist())
    return all_predictions


torch.manual_seed(0)
model = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 2))
dataset = [{"X": torch.rand(2, 1, 16, 16), "y": torch.randint(0, 2, (2,))} for _ in range(2)]
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
train(model, dataset, optimizer, nn.CrossEntropyLoss())
print(predict(model, dataset))
