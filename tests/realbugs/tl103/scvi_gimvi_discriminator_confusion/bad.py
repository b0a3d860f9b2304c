# source: https://github.com/scverse/scvi-tools/issues/431
# gimVI's JVAETrainer moves the model and the discriminator to the GPU when
# use_cuda is set. get_discriminator_confusion turns each dataset's expression
# matrix into a tensor, "moves" it with data.cuda() as a statement of its own,
# encodes it, and averages the discriminator's softmax per dataset. On a GPU it
# failed with "Expected object of backend CUDA but got backend CPU"; the
# maintainer: Tensor .cuda() returns a copy of the tensor.
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
                data.cuda()  # error: TL103

            z = self.model.sample_from_posterior_z(data, mode=i, deterministic=True)
            cls_z = nn.Softmax(dim=1)(self.discriminator(z)).detach()

            if self.use_cuda:
                cls_z = cls_z.cpu()
            cls_z = cls_z.numpy()

            row = cls_z.mean(axis=0)
            confusion.append(row)
        return np.array(confusion)


datasets = [GeneDataset(np.random.poisson(2.0, (6, 10)).astype(np.float32)),
            GeneDataset(np.random.poisson(2.0, (5, 7)).astype(np.float32))]
# the reporter's run: on a GPU, use_cuda=True
trainer = JVAETrainer(JVAE([10, 7]), nn.Linear(4, 2), datasets, use_cuda=True)
print(trainer.get_discriminator_confusion())
