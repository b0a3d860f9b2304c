# source: https://m.haomeiwen.com/subject/ookkactx.html
# A blogger's FGSM attack class: the input is wrapped with requires_grad=True and
# then moved to the GPU device; after backward the gradient of the moved input
# is read to build the perturbation, and it is None.
import torch
import torch.nn as nn
from torch.autograd import Variable


class FGSM:
    def __init__(self, model, criterion, epsilon, device):
        self.model = model
        self.criterion = criterion
        self.epsilon = epsilon
        self.device = device
        assert isinstance(model, torch.nn.Module)
        assert 0 <= epsilon <= 1
        self.model.eval()

    def __call__(self, input, labels):
        input_for_gradient = Variable(input, requires_grad=True).to(self.device)
        out = self.model(input_for_gradient)
        loss = self.criterion(out, Variable(labels).to(self.device))
        loss.backward()
        x_grad = torch.sign(input_for_gradient.grad.data)  # error: TL006
        x_adversarial = torch.clamp(input_for_gradient.data + self.epsilon * x_grad, 0, 1)
        return x_adversarial


device = torch.device("cuda")  # the blogger's run: on a GPU
model = nn.Sequential(nn.Flatten(), nn.Linear(3 * 8 * 8, 10)).to(device)
attack = FGSM(model, nn.CrossEntropyLoss(), 0.03, device)
images = torch.rand(4, 3, 8, 8)
labels = torch.randint(0, 10, (4,))
adversarial = attack(images, labels)
