# source: https://php.bkmy88.com/faq/1835025.html
# Fixed as the article says: the loss takes the logits (cross-entropy against
# the integer labels); argmax only gives the predictions for the accuracy.
import torch
import torch.nn as nn

torch.manual_seed(0)
X_train = torch.randn(16, 4)
y_train = torch.randint(0, 3, (16,))
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
loss_fn = nn.CrossEntropyLoss()
optimiser = torch.optim.SGD(model.parameters(), lr=0.1)


def accuracy(y_true, y_pred):
    return (y_true == y_pred).float().mean() * 100


Epochs = 2
for epoch in range(Epochs):
    model.train()
    train_logits = model(X_train)
    train_preds = torch.softmax(train_logits, dim=1).argmax(dim=1)
    loss = loss_fn(train_logits, y_train)
    train_accu = accuracy(y_train, train_preds)
    print(train_preds)
    optimiser.zero_grad()
    loss.backward()
    optimiser.step()
