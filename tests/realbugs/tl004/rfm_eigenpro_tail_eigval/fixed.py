# source: https://github.com/aradha/recursive_feature_machines/pull/10
# EigenPro's preconditioner keeps the top eigensystem of the kernel matrix of a
# subsample; the tail eigenvalue it converts is already a tensor from eigh.
import torch


def laplacian_kernel(x, z, bandwidth=10.0):
    return torch.exp(-torch.cdist(x, z) / bandwidth)


def nystrom_kernel_eigh(kernel_fn, samples, top_q):
    n_sample = samples.shape[0]
    kmat = kernel_fn(samples, samples) / n_sample
    eigvals, eigvecs = torch.linalg.eigh(kmat)
    eigvals, eigvecs = eigvals.flip(0), eigvecs.flip(1)
    return eigvals[:top_q], eigvecs[:, :top_q], eigvals[top_q]


def setup_preconditioner(kernel_fn, samples, top_q=8, device="cpu"):
    max_eigval, eigvecs, tail_eigval = nystrom_kernel_eigh(kernel_fn, samples, top_q)
    eigvals_t = max_eigval.to(device)
    tail_eigval_t = tail_eigval.to(dtype=torch.float, device=device)
    scale = (1 - tail_eigval_t / eigvals_t) / eigvals_t
    return eigvecs * scale, tail_eigval_t


samples = torch.randn(64, 5)
precond, tail = setup_preconditioner(laplacian_kernel, samples)
