# source: https://github.com/heartcored98/Standalone-DeepLearning/issues/11
# Fixed as the author did in the labs: optimizer.zero_grad() at the top of
# the batch loop.
import argparse
import time

import torch
import torch.nn as nn
import torch.optim as optim

cfg = {
    'VGG-tiny': [8, 'M', 16, 'M'],
}


class CNN(nn.Module):

    def __init__(self, model_code, in_channels, out_dim, act, use_bn):
        super(CNN, self).__init__()
        if act == 'relu':
            self.act = nn.ReLU()
        elif act == 'sigmoid':
            self.act = nn.Sigmoid()
        else:
            raise ValueError("Not a valid activation function code")
        self.layers = self._make_layers(model_code, in_channels, use_bn)
        self.classifer = nn.Sequential(nn.Linear(16 * 2 * 2, 32),
                                       self.act,
                                       nn.Linear(32, out_dim))

    def forward(self, x):
        x = self.layers(x)
        x = x.view(x.size(0), -1)
        x = self.classifer(x)
        return x

    def _make_layers(self, model_code, in_channels, use_bn):
        layers = []
        for x in cfg[model_code]:
            if x == 'M':
                layers += [nn.MaxPool2d(kernel_size=2, stride=2)]
            else:
                layers += [nn.Conv2d(in_channels=in_channels, out_channels=x,
                                     kernel_size=3, stride=1, padding=1)]
                if use_bn:
                    layers += [nn.BatchNorm2d(x)]
                layers += [self.act]
                in_channels = x
        return nn.Sequential(*layers)


def train(net, partition, optimizer, criterion, args):
    trainloader = torch.utils.data.DataLoader(partition['train'],
                                              batch_size=args.train_batch_size,
                                              shuffle=True, num_workers=0)
    net.train()

    correct = 0
    total = 0
    train_loss = 0.0
    for i, data in enumerate(trainloader, 0):
        optimizer.zero_grad()
        inputs, labels = data
        inputs = inputs.cuda()
        labels = labels.cuda()
        outputs = net(inputs)

        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()

        train_loss += loss.item()
        _, predicted = torch.max(outputs.data, 1)
        total += labels.size(0)
        correct += (predicted == labels).sum().item()

    train_loss = train_loss / len(trainloader)
    train_acc = 100 * correct / total
    return net, train_loss, train_acc


def experiment(partition, args):
    net = CNN(model_code=args.model_code, in_channels=args.in_channels, out_dim=args.out_dim,
              act=args.act, use_bn=args.use_bn)
    net.cuda()

    criterion = nn.CrossEntropyLoss()
    if args.optim == 'SGD':
        optimizer = optim.SGD(net.parameters(), lr=args.lr, weight_decay=args.l2)
    elif args.optim == 'Adam':
        optimizer = optim.Adam(net.parameters(), lr=args.lr, weight_decay=args.l2)
    else:
        raise ValueError('In-valid optimizer choice')

    for epoch in range(args.epoch):
        ts = time.time()
        net, train_loss, train_acc = train(net, partition, optimizer, criterion, args)
        te = time.time()
        print('Epoch {}, Acc(train): {:2.2f}, Loss(train) {:2.2f}. Took {:2.2f} sec'.format(
            epoch, train_acc, train_loss, te - ts))


torch.manual_seed(0)
partition = {'train': torch.utils.data.TensorDataset(torch.randn(24, 3, 8, 8), torch.randint(0, 10, (24,)))}
args = argparse.Namespace(model_code='VGG-tiny', in_channels=3, out_dim=10, act='relu', use_bn=True,
                          optim='SGD', lr=0.0015, l2=0.00001, epoch=2, train_batch_size=8)
experiment(partition, args)
