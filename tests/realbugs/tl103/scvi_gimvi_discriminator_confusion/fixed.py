# source: https://github.com/scverse/scvi-tools/issues/431
# Fixed as in the commit that closed the issue (7534df4): data = data.cuda(),
# and the scores come back with cls_z.cpu().numpy().
import numpy as np
import torch
from torch import nn


class GeneDataset:
    def __init__(self, X):
        self.X = X


class Posterior:
    def __init__(self, gene_dataset):
        self.gene_dataset = gene_dataset


class JVAE(nn.Module):
    def __init__(self, dim_input_list, n_latent=4):
        super().__init__()
        self.z_encoders = nn.ModuleList([nn.Linear(n_genes, n_latent) for n_genes in dim_input_list])

    def sample_from_posterior_z(self, x, mode=0, deterministic=False):
        return self.z_encoders[mode](torch.log(1 + x))


class JVAETrainer:
    def __init__(self, model, discriminator, gene_dataset_list, use_cuda=True):
        self.model = model
        self.use_cuda = use_cuda
        self.all_dataset = [Posterior(gd) for gd in gene_dataset_list]
        if self.use_cuda:
            self.model.cuda()
        self.discriminator = discriminator
        if self.use_cuda:
            self.discriminator.cuda()

    def get_discriminator_confusion(self) -> np.ndarray:
        """Return the confusion matrix of the disciminator classifier.
        A good mixing should lead to a uniform matrix.
        """
        confusion = []
        for i, posterior in enumerate(self.all_dataset):
            data = torch.from_numpy(posterior.gene_dataset.X)
            if self.use_cuda:
                data = data.cuda()

            z = self.model.sample_from_posterior_z(data, mode=i, deterministic=True)
            cls_z = nn.Softmax(dim=1)(self.discriminator(z)).detach()

            cls_z = cls_z.cpu().numpy()

            row = cls_z.mean(axis=0)
            confusion.append(row)
        return np.array(confusion)


datasets = [GeneDataset(np.random.poisson(2.0, (6, 10)).astype(np.float32)),
            GeneDataset(np.random.poisson(2.0, (5, 7)).astype(np.float32))]
# the reporter's run: on a GPU, use_cuda=True
trainer = JVAETrainer(JVAE([10, 7]), nn.Linear(4, 2), datasets, use_cuda=True)
print(trainer.get_discriminator_confusion())
