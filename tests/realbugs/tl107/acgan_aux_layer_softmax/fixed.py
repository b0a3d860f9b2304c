# source: https://github.com/nocotan/pytorch-lightning-gans/issues/9
# The maintainer's fix (commit 46272a4): aux_layer is the linear layer alone, so
# auxiliary_loss gets logits. (The same commit also switched the adversarial loss
# to binary_cross_entropy_with_logits, another suggestion of the thread, not shown.)
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Generator(nn.Module):
    def __init__(self, latent_dim, img_shape, n_classes):
        super().__init__()
        self.init_size = img_shape[1] // 4
        self.l1 = nn.Sequential(nn.Linear(latent_dim, 16 * self.init_size ** 2))
        self.label_emb = nn.Embedding(n_classes, latent_dim)
        self.conv_blocks = nn.Sequential(
            nn.BatchNorm2d(16),
            nn.Upsample(scale_factor=4),
            nn.Conv2d(16, img_shape[0], 3, stride=1, padding=1),
            nn.Tanh(),
        )

    def forward(self, z, labels):
        z = torch.mul(self.label_emb(labels), z)
        out = self.l1(z)
        out = out.view(out.shape[0], 16, self.init_size, self.init_size)
        return self.conv_blocks(out)


class Discriminator(nn.Module):
    def __init__(self, img_shape, n_classes):
        super(Discriminator, self).__init__()

        def discriminator_block(in_feat, out_feat, bn=True):
            block = [nn.Conv2d(in_feat, out_feat, 3, 2, 1), nn.LeakyReLU(0.2, inplace=True), nn.Dropout2d(0.25)]
            if bn:
                block.append(nn.BatchNorm2d(out_feat, 0.8))
            return block

        self.model = nn.Sequential(
            *discriminator_block(img_shape[0], 16, bn=False),
            *discriminator_block(16, 32),
            *discriminator_block(32, 64),
            *discriminator_block(64, 128),
        )
        ds_size = img_shape[1] // 2 ** 4
        self.adv_layer = nn.Sequential(nn.Linear(128 * ds_size ** 2, 1), nn.Sigmoid())
        self.aux_layer = nn.Sequential(nn.Linear(128 * ds_size ** 2, n_classes))

    def forward(self, img):
        out = self.model(img)
        out = out.view(out.shape[0], -1)
        validity = self.adv_layer(out)
        labels = self.aux_layer(out)
        return validity, labels


class ACGAN(nn.Module):
    def __init__(self, latent_dim=8, n_classes=10, batch_size=4):
        super().__init__()
        self.latent_dim = latent_dim
        self.n_classes = n_classes
        self.batch_size = batch_size
        img_shape = (1, 32, 32)
        self.generator = Generator(latent_dim=latent_dim, img_shape=img_shape, n_classes=n_classes)
        self.discriminator = Discriminator(img_shape=img_shape, n_classes=n_classes)

    def forward(self, z, labels):
        return self.generator(z, labels)

    def adversarial_loss(self, y_hat, y):
        return F.binary_cross_entropy(y_hat, y)

    def auxiliary_loss(self, y_hat, y):
        return F.cross_entropy(y_hat, y)

    def training_step(self, batch, batch_idx, optimizer_idx):
        imgs, labels = batch
        z = torch.randn(imgs.shape[0], self.latent_dim).type_as(imgs)
        gen_labels = torch.LongTensor(np.random.randint(0, self.n_classes, self.batch_size))

        if optimizer_idx == 0:
            valid = torch.ones(imgs.size(0), 1).type_as(imgs)
            validity, pred_label = self.discriminator(self(z, gen_labels))
            g_loss = 0.5 * self.adversarial_loss(validity, valid) + self.auxiliary_loss(pred_label, gen_labels)
            return g_loss

        if optimizer_idx == 1:
            valid = torch.ones(imgs.size(0), 1).type_as(imgs)
            gen_imgs = self(z, gen_labels)
            validity, pred_label = self.discriminator(imgs)
            real_loss = 0.5 * self.adversarial_loss(validity, valid) + self.auxiliary_loss(pred_label, labels)
            fake = torch.zeros(imgs.size(0), 1).type_as(imgs)
            fake_validity, fake_pred_label = self.discriminator(gen_imgs)
            fake_loss = 0.5 * self.adversarial_loss(fake_validity, fake) + self.auxiliary_loss(fake_pred_label, gen_labels)
            d_loss = (real_loss + fake_loss) / 2
            return d_loss

    def configure_optimizers(self):
        opt_g = torch.optim.Adam(self.generator.parameters(), lr=0.0002, betas=(0.5, 0.999))
        opt_d = torch.optim.Adam(self.discriminator.parameters(), lr=0.0002, betas=(0.5, 0.999))
        return [opt_g, opt_d], []


torch.manual_seed(0)
np.random.seed(0)
model = ACGAN()
optimizers, _ = model.configure_optimizers()
batch = (torch.randn(4, 1, 32, 32), torch.randint(0, 10, (4,)))
for optimizer_idx, optimizer in enumerate(optimizers):
    optimizer.zero_grad()
    loss = model.training_step(batch, 0, optimizer_idx)
    loss.backward()
    optimizer.step()
