# source: https://github.com/vinhkhuc/PyTorch-Mini-Tutorials/issues/1
# The fix the thread agreed on: no softmax module; CrossEntropyLoss gets the logits.
import torch


def build_model(input_dim, output_dim):
    model = torch.nn.Sequential()
    model.add_module("linear_1", torch.nn.Linear(input_dim, 16))
    model.add_module("sigmoid", torch.nn.Sigmoid())
    model.add_module("linear_2", torch.nn.Linear(16, output_dim))
    return model


def train(model, loss, optimizer, x, y):
    optimizer.zero_grad()
    fx = model.forward(x)
    output = loss.forward(fx, y)
    output.backward()
    optimizer.step()
    return output.item()


torch.manual_seed(42)
x = torch.randn(32, 8)
y = torch.randint(0, 3, (32,))
model = build_model(8, 3)
loss = torch.nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
cost = train(model, loss, optimizer, x, y)
