# source: https://github.com/mit-ll-responsible-ai/equine/issues/206
# Fixed as the issue suggests: the results are assigned,
# train_x = train_x.to(self.device) and so on.
import torch


class Protonet(torch.nn.Module):
    def __init__(self, embedding_model, emb_out_dim, device="cpu"):
        super().__init__()
        self.embedding_model = embedding_model
        self.emb_out_dim = emb_out_dim
        self.to(device)
        self.device = device
        self.prototypes = None

    def compute_embeddings(self, X):
        return self.embedding_model(X.to(self.device))

    def update_support(self, support):
        self.prototypes = torch.stack([self.compute_embeddings(x).mean(dim=0) for x in support.values()])

    def forward(self, X):
        dists = torch.cdist(self.compute_embeddings(X), self.prototypes) ** 2
        return torch.softmax(-dists, dim=1), dists


def stratified_train_test_split(X, Y, test_size):
    calib = torch.zeros(len(Y), dtype=torch.bool)
    for label in torch.unique(Y):
        idx = torch.nonzero(Y == label).flatten()
        calib[idx[: max(1, int(test_size * len(idx)))]] = True
    return X[~calib], X[calib], Y[~calib], Y[calib]


def generate_episode(train_x, train_y, support_size, way, episode_size):
    labels = torch.unique(train_y)[torch.randperm(len(torch.unique(train_y)))[:way]]
    support = {int(label): train_x[train_y == label][:support_size] for label in labels}
    mask = torch.isin(train_y, labels)
    episode_x, episode_y = train_x[mask][:episode_size], train_y[mask][:episode_size]
    episode_y = torch.searchsorted(torch.sort(labels).values, episode_y)
    return support, episode_x, episode_y


class EquineProtonet(torch.nn.Module):
    def __init__(self, embedding_model, emb_out_dim, device="cpu"):
        super().__init__()
        self.model = Protonet(embedding_model, emb_out_dim, device=device)
        self.device = device

    def train_model(self, dataset, num_episodes, calib_frac=0.2, support_size=25, way=3, episode_size=100,
                    loss_fn=torch.nn.functional.cross_entropy, opt_class=torch.optim.Adam):
        self.train()
        X, Y = dataset[:]
        train_x, calib_x, train_y, calib_y = stratified_train_test_split(X, Y, test_size=calib_frac)
        optimizer = opt_class(self.parameters())

        train_x = train_x.to(self.device)
        train_y = train_y.to(self.device)
        calib_x = calib_x.to(self.device)
        calib_y = calib_y.to(self.device)

        for i in range(num_episodes):
            optimizer.zero_grad()
            support, episode_x, episode_y = generate_episode(train_x, train_y, support_size, way, episode_size)
            self.model.update_support(support)
            _, dists = self.model(episode_x)
            loss_value = loss_fn(torch.neg(dists).to(self.device), episode_y.to(self.device))
            loss_value.backward()
            optimizer.step()
        self.eval()
        return calib_x, calib_y


dataset = torch.utils.data.TensorDataset(torch.randn(60, 5), torch.arange(60) % 3)
# the reporter's setting: a model built with device="cuda"
model = EquineProtonet(torch.nn.Linear(5, 4), emb_out_dim=4, device="cuda")
model.train_model(dataset, num_episodes=2, support_size=5, episode_size=20)
