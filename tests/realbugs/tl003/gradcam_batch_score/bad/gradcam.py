# source: https://github.com/1Konny/gradcam_plus_plus-pytorch/issues/7
import torch
import torch.nn.functional as F


class GradCAM:
    def __init__(self, model, target_layer):
        self.model = model
        self.gradients = {}
        self.activations = {}
        target_layer.register_forward_hook(lambda m, i, o: self.activations.update(value=o))
        target_layer.register_full_backward_hook(lambda m, gi, go: self.gradients.update(value=go[0]))

    def forward(self, input, class_idx=None, retain_graph=False):
        b, c, h, w = input.size()
        logit = self.model(input)
        if class_idx is None:
            score = logit[:, logit.max(1)[-1]].squeeze()
        else:
            score = logit[:, class_idx].squeeze()
        self.model.zero_grad()
        score.backward(retain_graph=retain_graph)  # error: TL003
        gradients = self.gradients["value"]
        activations = self.activations["value"]
        weights = gradients.view(b, gradients.size(1), -1).mean(2).view(b, gradients.size(1), 1, 1)
        saliency_map = F.relu((weights * activations).sum(1, keepdim=True))
        saliency_map = F.interpolate(saliency_map, size=(h, w), mode="bilinear", align_corners=False)
        return saliency_map, logit

    def __call__(self, input, class_idx=None, retain_graph=False):
        return self.forward(input, class_idx, retain_graph)
