# source: https://github.com/NaJaeMin92/pytorch-DANN/issues/7
# pytorch-DANN's Classifier (and Discriminator) end their forward in
# F.softmax(x); train.py's source_only() trains the Extractor and Classifier
# with nn.CrossEntropyLoss().cuda() on the classifier's output. The reporter
# found the models hard to train until the last softmax was removed; the
# maintainer removed it, as LogSoftmax is already inside CrossEntropyLoss.
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim


class Extractor(nn.Module):
    def __init__(self):
        super(Extractor, self).__init__()
        self.extractor = nn.Sequential(
            nn.Conv2d(in_channels=3, out_channels=32, kernel_size=5, padding=2),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=2),
            nn.Conv2d(in_channels=32, out_channels=48, kernel_size=5, padding=2),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=2)
        )

    def forward(self, x):
        x = self.extractor(x)
        x = x.view(-1, 3 * 28 * 28)
        return x


class Classifier(nn.Module):
    def __init__(self):
        super(Classifier, self).__init__()
        self.classifier = nn.Sequential(
            nn.Linear(in_features=3 * 28 * 28, out_features=100),
            nn.ReLU(),
            nn.Linear(in_features=100, out_features=10)
        )

    def forward(self, x):
        x = self.classifier(x)
        return F.softmax(x)


def optimizer_scheduler(optimizer, p):
    for param_group in optimizer.param_groups:
        param_group['lr'] = 0.01 / (1. + 10 * p) ** 0.75
    return optimizer


def source_only(encoder, classifier, source_train_loader, epochs=1):
    classifier_criterion = nn.CrossEntropyLoss().cuda()
    optimizer = optim.SGD(list(encoder.parameters()) + list(classifier.parameters()), lr=0.01, momentum=0.9)
    for epoch in range(epochs):
        encoder.train()
        classifier.train()
        total_steps = epochs * len(source_train_loader)
        for batch_idx, (source_image, source_label) in enumerate(source_train_loader):
            p = float(batch_idx + epoch * len(source_train_loader)) / total_steps
            source_image = torch.cat((source_image, source_image, source_image), 1)  # MNIST to 3 channels
            source_image, source_label = source_image.cuda(), source_label.cuda()
            optimizer = optimizer_scheduler(optimizer=optimizer, p=p)
            optimizer.zero_grad()
            source_feature = encoder(source_image)
            class_pred = classifier(source_feature)
            class_loss = classifier_criterion(class_pred, source_label)  # error: TL107
            class_loss.backward()
            optimizer.step()


torch.manual_seed(0)
encoder = Extractor().cuda()
classifier = Classifier().cuda()
source_train_loader = [(torch.randn(4, 1, 28, 28), torch.randint(0, 10, (4,))) for _ in range(2)]
source_only(encoder, classifier, source_train_loader)
