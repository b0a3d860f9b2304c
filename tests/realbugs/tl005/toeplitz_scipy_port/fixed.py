# source: https://stackoverflow.com/questions/68896578/pytorchs-torch-as-strided-with-negative-strides-for-making-a-toeplitz-matrix
# A PyTorch port of scipy.linalg.toeplitz: c is flipped, joined with r[1:], and the
# matrix is read from that vector with NumPy's stride trick, rows walking backwards.
# The accepted answer indexes the joined vector with computed positions instead.
import torch


def toeplitz_torch(c, r=None):
    c = torch.tensor(c).ravel()
    if r is None:
        r = torch.conj(c)
    else:
        r = torch.tensor(r).ravel()

    vals = torch.cat((r, c[1:].flip(0)))
    shape = len(c), len(r)
    i, j = torch.ones(*shape).nonzero().T
    return vals[j - i].reshape(*shape)


print(toeplitz_torch([1., 2., 3.], [1., 4., 5., 6.]))
