# source: https://github.com/SeanNaren/deepspeech.pytorch/pull/518
# SpecAugment's time warping interpolates the spectrogram bilinearly; the
# interpolation weights are computed from tensors and wrapped in torch.tensor.
import torch


def interpolate_bilinear(grid, query_points):
    grid_type = grid.dtype
    batch_size, height, width, channels = grid.shape
    query_type = query_points.dtype
    alphas = []
    floors = []
    ceils = []
    unstacked_query_points = query_points.unbind(2)
    for dim in (0, 1):
        queries = unstacked_query_points[dim]
        size_in_indexing_dimension = grid.shape[dim + 1]
        max_floor = torch.tensor(size_in_indexing_dimension - 2, dtype=query_type)
        min_floor = torch.tensor(0.0, dtype=query_type)
        floor = torch.min(torch.max(min_floor, torch.floor(queries)), max_floor)
        int_floor = floor.long()
        floors.append(int_floor)
        ceils.append(int_floor + 1)
        alpha = torch.tensor(queries - floor, dtype=grid_type)  # error: TL004
        alpha = torch.clamp(alpha, 0.0, 1.0)
        alphas.append(torch.unsqueeze(alpha, 2))
    flat = grid.reshape(batch_size, height * width, channels)

    def gather(y, x):
        return flat[torch.arange(batch_size)[:, None], y * width + x]

    top = alphas[1] * (gather(floors[0], ceils[1]) - gather(floors[0], floors[1])) + gather(floors[0], floors[1])
    bottom = alphas[1] * (gather(ceils[0], ceils[1]) - gather(ceils[0], floors[1])) + gather(ceils[0], floors[1])
    return alphas[0] * (bottom - top) + top


spectrogram = torch.randn(1, 64, 100, 1)
queries = torch.rand(1, 50, 2) * torch.tensor([62.0, 98.0])
warped = interpolate_bilinear(spectrogram, queries)
