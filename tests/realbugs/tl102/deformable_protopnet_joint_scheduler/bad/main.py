# source: https://github.com/jdonnelly36/Deformable-ProtoPNet/issues/6
# main.py trains in three stages, each with its own optimizer: warm epochs
# (warm_optimizer), secondary warm epochs (warm_pre_offset_optimizer), then
# joint epochs, which call joint_lr_scheduler.step() before tnt.train() runs
# joint_optimizer for the first time; the reporter sees the warning when the
# run reaches that stage. The maintainer's fix (commit e6a7d39) moves the
# scheduler step after tnt.train(). The model is a tiny stand-in with the
# parts the optimizers name; the stanford_dogs-only warm scheduler is left out.
import torch
import torch.nn as nn

import train_and_test as tnt

torch.manual_seed(0)
log = print


class PPNet(nn.Module):
    def __init__(self, num_classes=3, num_prototypes=6):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU())
        self.add_on_layers = nn.Sequential(nn.Conv2d(4, 4, 1), nn.Sigmoid())
        self.conv_offset = nn.Conv2d(4, 2, 1)
        self.prototype_vectors = nn.Parameter(torch.rand(num_prototypes, 4))
        self.last_layer = nn.Linear(num_prototypes, num_classes, bias=False)

    def initialize_offset_weights(self):
        nn.init.zeros_(self.conv_offset.weight)
        nn.init.zeros_(self.conv_offset.bias)

    def forward(self, x):
        f = self.add_on_layers(self.features(x))
        f = f + self.conv_offset(f).mean(dim=1, keepdim=True)
        f = f.mean(dim=(2, 3))
        similarities = -torch.cdist(f, self.prototype_vectors)
        return self.last_layer(similarities)


train_loader = [(torch.randn(4, 3, 8, 8), torch.randint(0, 3, (4,))) for _ in range(2)]
test_loader = [(torch.randn(4, 3, 8, 8), torch.randint(0, 3, (4,)))]

ppnet = PPNet()
ppnet = ppnet.cuda()
ppnet_multi = torch.nn.DataParallel(ppnet)

joint_optimizer_specs = \
[{'params': ppnet.features.parameters(), 'lr': 1e-4, 'weight_decay': 1e-3},
 {'params': ppnet.add_on_layers.parameters(), 'lr': 3e-3, 'weight_decay': 1e-3},
 {'params': ppnet.prototype_vectors, 'lr': 3e-3},
 {'params': ppnet.conv_offset.parameters(), 'lr': 1e-4},
 {'params': ppnet.last_layer.parameters(), 'lr': 1e-5}
]
joint_optimizer = torch.optim.Adam(joint_optimizer_specs)
joint_lr_scheduler = torch.optim.lr_scheduler.StepLR(joint_optimizer, step_size=5, gamma=0.2)

warm_optimizer_specs = \
[{'params': ppnet.add_on_layers.parameters(), 'lr': 3e-3, 'weight_decay': 1e-3},
 {'params': ppnet.prototype_vectors, 'lr': 3e-3},
]
warm_optimizer = torch.optim.Adam(warm_optimizer_specs)

warm_pre_offset_optimizer_specs = \
[{'params': ppnet.add_on_layers.parameters(), 'lr': 3e-3, 'weight_decay': 1e-3},
 {'params': ppnet.prototype_vectors, 'lr': 3e-3},
 {'params': ppnet.features.parameters(), 'lr': 1e-4, 'weight_decay': 1e-3},
]
warm_pre_offset_optimizer = torch.optim.Adam(warm_pre_offset_optimizer_specs)

num_train_epochs = 4
num_warm_epochs = 1
num_secondary_warm_epochs = 1

log('start training')
for epoch in range(num_train_epochs):
    log('epoch: \t{0}'.format(epoch))

    if epoch < num_warm_epochs:
        tnt.warm_only(model=ppnet_multi, log=log)
        _ = tnt.train(model=ppnet_multi, dataloader=train_loader, optimizer=warm_optimizer, log=log)
    elif epoch >= num_warm_epochs and epoch - num_warm_epochs < num_secondary_warm_epochs:
        tnt.warm_pre_offset(model=ppnet_multi, log=log)
        _ = tnt.train(model=ppnet_multi, dataloader=train_loader, optimizer=warm_pre_offset_optimizer, log=log)
    else:
        if epoch == num_warm_epochs + num_secondary_warm_epochs:
            ppnet_multi.module.initialize_offset_weights()
        tnt.joint(model=ppnet_multi, log=log)
        joint_lr_scheduler.step()  # error: TL102
        _ = tnt.train(model=ppnet_multi, dataloader=train_loader, optimizer=joint_optimizer, log=log)

    accu = tnt.test(model=ppnet_multi, dataloader=test_loader, log=log)
