# case: F.dropout with only p in forward, the model evaluated after model.eval()
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(8, 16)
        self.fc2 = nn.Linear(16, 2)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        x = F.dropout(x, p=0.5)  # error: TL106 col 15
        return self.fc2(x)


model = Net()
model.eval()
out = model(torch.randn(4, 8))

# case: explicit training=True in forward
import torch
import torch.nn as nn
import torch.nn.functional as F


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 3)

    def forward(self, x):
        return self.fc(F.dropout(x, 0.2, training=True))  # error: TL106 col 26


model = Classifier()
model.eval()
with torch.no_grad():
    out = model(torch.randn(5, 8))

# case: positional True as the training flag
import torch
import torch.nn as nn
import torch.nn.functional as F


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(6, 6)

    def forward(self, x):
        h = self.proj(x)
        return F.dropout(h, 0.1, True)  # error: TL106 col 18


enc = Encoder()
enc.eval()
y = enc(torch.randn(3, 6))

# case: F.dropout2d on feature maps of a CNN
import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3)

    def forward(self, x):
        x = self.conv(x)
        x = F.dropout2d(x, p=0.25)  # error: TL106 col 15
        return x.mean()


net = ConvNet()
net.eval()
score = net(torch.randn(2, 1, 8, 8))

# case: imported as `from torch.nn.functional import dropout`
import torch
import torch.nn as nn
from torch.nn.functional import dropout


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def forward(self, x):
        return dropout(self.fc(x), 0.3)  # error: TL106 col 16


head = Head()
head.eval()
z = head(torch.randn(2, 4))

# case: dropout in a helper method that forward calls
import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def regularise(self, h):
        return F.dropout(h, p=0.5)  # error: TL106 col 18

    def forward(self, x):
        return self.regularise(self.fc(x))


block = Block()
block.eval()
z = block(torch.randn(3, 4))

# case: alpha_dropout in a SELU network
import torch
import torch.nn as nn
import torch.nn.functional as F


class SelfNormalising(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 8)

    def forward(self, x):
        return F.alpha_dropout(F.selu(self.fc(x)), p=0.1, training=True)  # error: TL106 col 18


model = SelfNormalising()
model.eval()
out = model(torch.randn(16, 8))

# case: the functional dropout in a forward nobody in the file calls
import torch
import torch.nn as nn
import torch.nn.functional as F


class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(10, 8)
        self.out = nn.Linear(8, 3)

    def forward(self, tokens):
        h = F.dropout(self.emb(tokens), p=0.4)  # error: TL106 col 15
        return self.out(h)


# run: tagger = Tagger(); tagger.eval(); tagger(torch.tensor([[1, 2, 3]]))

# case: training=self.training follows the module's mode
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 8)

    def forward(self, x):
        return F.dropout(self.fc(x), p=0.5, training=self.training)


model = Net()
model.eval()
out = model(torch.randn(4, 8))

# case: dropout guarded by `if self.training:`
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 8)

    def forward(self, x):
        x = self.fc(x)
        if self.training:
            x = F.dropout(x, 0.5)
        return x


model = Net()
model.eval()
out = model(torch.randn(4, 8))

# case: p is zero in eval mode
import torch
import torch.nn as nn
import torch.nn.functional as F


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.p = 0.1

    def forward(self, weights):
        dropout_p = self.p if self.training else 0.0
        return F.dropout(weights, dropout_p)


attn = Attention()
attn.eval()
w = attn(torch.softmax(torch.randn(2, 4), dim=-1))

# case: a training flag passed down as an argument
import torch
import torch.nn as nn
import torch.nn.functional as F


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def forward(self, x, train=False):
        return F.dropout(self.fc(x), 0.5, train)


layer = Layer()
out = layer(torch.randn(2, 4))

# case: nn.Dropout made in __init__ follows model.eval()
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 8)
        self.drop = nn.Dropout(0.5)

    def forward(self, x):
        return self.drop(self.fc(x))


model = Net()
model.eval()
out = model(torch.randn(4, 8))

# case: F.dropout as data augmentation outside any module
import torch
import torch.nn.functional as F


def augment(features):
    return F.dropout(features, p=0.1)


noisy = augment(torch.randn(4, 8))

# case: p=0 written out
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 8)

    def forward(self, x):
        return F.dropout(self.fc(x), p=0.0)


model = Net()
model.eval()
out = model(torch.randn(4, 8))

# case: training=False passed explicitly
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 8)

    def forward(self, x):
        return F.dropout(self.fc(x), 0.5, training=False)


model = Net()
model.eval()
out = model(torch.randn(4, 8))

# case: F.alpha_dropout without training= is off by default
import torch
import torch.nn as nn
import torch.nn.functional as F


class SelfNormalising(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 8)

    def forward(self, x):
        return F.alpha_dropout(F.selu(self.fc(x)), p=0.1)


model = SelfNormalising()
model.eval()
out = model(torch.randn(16, 8))

# case: dropout that runs only when a switch given with the input says so, off for prediction whatever the module's mode (deepchem's dropout_switch)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Dense(nn.Module):
    def __init__(self, p=0.5):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.p = p

    def forward(self, inputs):
        x, dropout_switch = inputs
        y = self.fc(x)
        if self.p > 0.0 and dropout_switch:
            y = F.dropout(y, self.p)
        return y


# run: model = Dense().eval()
# run: x = torch.randn(3, 4)
# run: assert torch.equal(model((x, torch.tensor(0.0))), model((x, torch.tensor(0.0))))

# case: a test of the rate alone is no switch: with a rate above 0 the dropout still runs after eval() (deepchem's AtomicConv)
import torch
import torch.nn as nn
import torch.nn.functional as F


class AtomicLayer(nn.Module):
    def __init__(self, dropout=0.5):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.dropout = dropout

    def forward(self, x):
        dropout = self.dropout
        x = self.fc(x)
        if dropout > 0:
            x = F.dropout(x, dropout)  # error: TL106 col 19
        return x


model = AtomicLayer().eval()
out = model(torch.randn(3, 4))
