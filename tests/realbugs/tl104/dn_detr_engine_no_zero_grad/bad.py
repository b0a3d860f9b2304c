# source: https://github.com/IDEA-Research/DN-DETR/issues/19
# engine.py's train_one_epoch(): for each batch the losses are weighted and
# summed; with --amp the branch clears the gradients before its scaled
# backward, but the default branch ("original backward function") runs
# losses.backward(), clips and calls optimizer.step() with no zero_grad(). The
# reporter points at those lines; the later engine.py adds optimizer.zero_grad()
# before losses.backward(). A tiny detector and criterion stand in for DN-DETR's.
import argparse
import math
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


class TinyDETR(nn.Module):
    def __init__(self, num_queries=4, num_classes=3):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2), nn.ReLU(), nn.AdaptiveAvgPool2d(1))
        self.query_embed = nn.Embedding(num_queries, 8)
        self.class_embed = nn.Linear(8, num_classes + 1)
        self.bbox_embed = nn.Linear(8, 4)

    def forward(self, samples):
        feat = self.backbone(samples).flatten(1)
        hs = feat[:, None, :] + self.query_embed.weight[None]
        return {'pred_logits': self.class_embed(hs), 'pred_boxes': self.bbox_embed(hs).sigmoid()}


class SetCriterion(nn.Module):
    def __init__(self, weight_dict):
        super().__init__()
        self.weight_dict = weight_dict

    def forward(self, outputs, targets):
        labels = torch.stack([t['labels'] for t in targets])
        boxes = torch.stack([t['boxes'] for t in targets])
        loss_ce = F.cross_entropy(outputs['pred_logits'].flatten(0, 1), labels.flatten())
        loss_bbox = F.l1_loss(outputs['pred_boxes'], boxes)
        return {'loss_ce': loss_ce, 'loss_bbox': loss_bbox}


def train_one_epoch(model, criterion, data_loader, optimizer, device, epoch, max_norm=0, args=None):
    scaler = torch.cuda.amp.GradScaler(enabled=args.amp)
    model.train()
    criterion.train()

    for samples, targets in data_loader:
        samples = samples.to(device)
        targets = [{k: v.to(device) for k, v in t.items()} for t in targets]

        with torch.cuda.amp.autocast(enabled=args.amp):
            outputs = model(samples)
            loss_dict = criterion(outputs, targets)
            weight_dict = criterion.weight_dict
            losses = sum(loss_dict[k] * weight_dict[k] for k in loss_dict.keys() if k in weight_dict)

        loss_value = losses.item()
        if not math.isfinite(loss_value):
            print("Loss is {}, stopping training".format(loss_value))
            sys.exit(1)

        # amp backward function
        if args.amp:
            optimizer.zero_grad()
            scaler.scale(losses).backward()
            if max_norm > 0:
                scaler.unscale_(optimizer)
                torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
            scaler.step(optimizer)
            scaler.update()
        else:
            # original backward function
            losses.backward()
            if max_norm > 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
            optimizer.step()  # error: TL104
        print('Epoch: [{}] loss: {:.4f}'.format(epoch, loss_value))


torch.manual_seed(0)
args = argparse.Namespace(amp=False, lr=1e-4, weight_decay=1e-4, clip_max_norm=0.1, epochs=1)
device = torch.device('cpu')
model = TinyDETR()
criterion = SetCriterion({'loss_ce': 1, 'loss_bbox': 5})
optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
data_loader_train = [(torch.randn(2, 3, 8, 8),
                      [{'labels': torch.randint(0, 4, (4,)), 'boxes': torch.rand(4, 4)} for _ in range(2)])
                     for _ in range(3)]
for epoch in range(args.epochs):
    train_one_epoch(model, criterion, data_loader_train, optimizer, device, epoch, args.clip_max_norm, args=args)
