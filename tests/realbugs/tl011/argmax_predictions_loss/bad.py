# source: https://php.bkmy88.com/faq/1835025.html
# A classifier's training loop turns the logits into predicted labels
# (softmax, argmax, cast to float32) and gives those to the loss function.
import torch
import torch.nn as nn

torch.manual_seed(0)
X_train = torch.randn(16, 4)
y_train = torch.randint(0, 3, (16,)).type(torch.float32)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
loss_fn = nn.MSELoss()
optimiser = torch.optim.SGD(model.parameters(), lr=0.1)


def accuracy(y_true, y_pred):
    return (y_true == y_pred).float().mean() * 100


Epochs = 2
for epoch in range(Epochs):
    model.train()
    train_logits = model(X_train)
    train_preds_probs = torch.softmax(train_logits, dim=1).argmax(dim=1).type(torch.float32)
    loss = loss_fn(train_preds_probs, y_train)
    train_accu = accuracy(y_train, train_preds_probs)
    print(train_preds_probs)
    optimiser.zero_grad()
    loss.backward()  # error: TL011
    optimiser.step()
