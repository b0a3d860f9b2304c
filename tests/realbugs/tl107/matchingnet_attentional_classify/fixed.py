# source: https://github.com/gitabcworld/MatchingNetworks/issues/5
# The change the reporter proposes: no softmax in AttentionalClassify, so the
# label-weighted similarities reach F.cross_entropy as scores.
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Classifier(nn.Module):
    def __init__(self, layer_size=8, num_channels=1):
        super(Classifier, self).__init__()
        self.layer1 = nn.Sequential(nn.Conv2d(num_channels, layer_size, 3, padding=1), nn.BatchNorm2d(layer_size),
                                    nn.ReLU(True), nn.MaxPool2d(kernel_size=2, stride=2))
        self.layer2 = nn.Sequential(nn.Conv2d(layer_size, layer_size, 3, padding=1), nn.BatchNorm2d(layer_size),
                                    nn.ReLU(True), nn.MaxPool2d(kernel_size=2, stride=2))

    def forward(self, image_input):
        x = self.layer2(self.layer1(image_input))
        return x.view(x.size(0), -1)


class DistanceNetwork(nn.Module):
    def forward(self, support_set, input_image):
        eps = 1e-10
        similarities = []
        for support_image in support_set:
            sum_support = torch.sum(torch.pow(support_image, 2), 1)
            support_magnitude = sum_support.clamp(eps, float("inf")).rsqrt()
            dot_product = input_image.unsqueeze(1).bmm(support_image.unsqueeze(2)).squeeze()
            cosine_similarity = dot_product * support_magnitude
            similarities.append(cosine_similarity)
        similarities = torch.stack(similarities)
        return similarities


class AttentionalClassify(nn.Module):
    def forward(self, similarities, support_set_y):
        preds = similarities.unsqueeze(1).bmm(support_set_y).squeeze()
        return preds


class MatchingNetwork(nn.Module):
    def __init__(self):
        super(MatchingNetwork, self).__init__()
        self.g = Classifier()
        self.dn = DistanceNetwork()
        self.classify = AttentionalClassify()

    def forward(self, support_set_images, support_set_labels_one_hot, target_image, target_label):
        encoded_images = []
        for i in np.arange(support_set_images.size(1)):
            encoded_images.append(self.g(support_set_images[:, i, :, :, :]))

        for i in np.arange(target_image.size(1)):
            encoded_images.append(self.g(target_image[:, i, :, :, :]))
            outputs = torch.stack(encoded_images)
            similarities = self.dn(support_set=outputs[:-1], input_image=outputs[-1])
            similarities = similarities.t()
            preds = self.classify(similarities, support_set_y=support_set_labels_one_hot)

            values, indices = preds.max(1)
            if i == 0:
                accuracy = torch.mean((indices.squeeze() == target_label[:, i]).float())
                crossentropy_loss = F.cross_entropy(preds, target_label[:, i].long())
            else:
                accuracy = accuracy + torch.mean((indices.squeeze() == target_label[:, i]).float())
                crossentropy_loss = crossentropy_loss + F.cross_entropy(preds, target_label[:, i].long())
            encoded_images.pop()

        return accuracy / target_image.size(1), crossentropy_loss / target_image.size(1)


torch.manual_seed(0)
batch_size, n_way = 2, 5
matchNet = MatchingNetwork()
optimizer = torch.optim.Adam(matchNet.parameters(), lr=1e-3)
support_set_images = torch.randn(batch_size, n_way, 1, 8, 8)
support_set_labels = torch.arange(n_way).repeat(batch_size, 1)
support_set_labels_one_hot = F.one_hot(support_set_labels, n_way).float()
target_image = torch.randn(batch_size, 1, 1, 8, 8)
target_label = torch.randint(0, n_way, (batch_size, 1))

acc, c_loss = matchNet(support_set_images, support_set_labels_one_hot, target_image, target_label)
optimizer.zero_grad()
c_loss.backward()
optimizer.step()
