# source: https://github.com/erfanhamdi/pinn-torch/issues/1
# Fixed as the error message suggests: the boundary coordinate is detached from
# the times it is computed from, a new leaf like the repository's fixed
# boundaries x_b_left and x_b_right, before it is made to require grad.
import numpy as np
import torch
import torch.nn as nn


class SchrodingerNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear_in = nn.Linear(2, 16)
        self.linear_out = nn.Linear(16, 2)
        self.layers = nn.ModuleList([nn.Linear(16, 16) for i in range(2)])
        self.act = nn.Tanh()

    def forward(self, x):
        x = self.linear_in(x)
        for layer in self.layers:
            x = self.act(layer(x))
        return self.linear_out(x)


def derivative(dy, x, order=1):
    for i in range(order):
        dy = torch.autograd.grad(dy, x, grad_outputs=torch.ones_like(dy), create_graph=True, retain_graph=True)[0]
    return dy


def mse_b(model, t_b):
    x_b_lower = (2 * np.pi * torch.exp(-t_b)).detach()  # as in the equation
    x_b_lower.requires_grad = True
    h_b_lower = model(torch.stack((x_b_lower, t_b), axis=1))
    h_u_b_lower_x = derivative(h_b_lower[:, 0], x_b_lower, 1)
    h_v_b_lower_x = derivative(h_b_lower[:, 1], x_b_lower, 1)
    return (h_u_b_lower_x ** 2 + h_v_b_lower_x ** 2).mean()


t = torch.from_numpy(np.linspace(0, np.pi / 2, 20).reshape(-1, 1).astype(np.float32))
t.requires_grad = True
t = t.flatten()
idx_b = np.random.choice(t.shape[0], 8, replace=False)
t_b = t[idx_b]

model = SchrodingerNN()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for step in range(2):
    optimizer.zero_grad()
    loss = mse_b(model, t_b)
    loss.backward(retain_graph=True)
    optimizer.step()
