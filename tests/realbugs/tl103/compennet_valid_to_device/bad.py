# source: https://github.com/BingyaoHuang/CompenNet/issues/2
# A projector-compensation network's main script loads the camera and
# projector images, "converts the validation data to CUDA tensors" with
# cam_valid.to(device) and prj_valid.to(device) as statements of their own,
# moves the model with compen_net.to(device) and trains it, validating as it
# goes. The reporter's run failed at the end of the first iteration; the fix
# they gave: everywhere <xyz>.to(device) is called, it must be
# <xyz> = <xyz>.to(device) ("to" does not modify the object it is called on).
# The author fixed it so.
import torch
import torch.nn as nn

device = torch.device('cuda')  # the reporter's run: on a GPU


class CompenNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(6, 3, 3, padding=1)

    def forward(self, x, s):
        return torch.sigmoid(self.conv(torch.cat([x, s], dim=1)))


def trainModel(net, train_data, valid_data, train_option):
    optimizer = torch.optim.Adam(net.parameters(), lr=train_option['lr'])
    for iters in range(train_option['max_iters']):
        cam_batch = train_data['cam_train'].to(device)
        surf_batch = train_data['cam_surf'].to(device)
        prj_batch = train_data['prj_train'].to(device)
        loss = nn.functional.l1_loss(net(cam_batch, surf_batch), prj_batch)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            valid_pred = net(valid_data['cam_valid'], valid_data['cam_surf'])
            valid_mse = nn.functional.mse_loss(valid_pred, valid_data['prj_valid']).item()
        print('Iter:{:5d} | Train Loss: {:.4f} | Valid MSE: {:.4f}'.format(iters, loss.item(), valid_mse))
    return net


torch.manual_seed(0)
cam_surf = torch.rand(1, 3, 16, 16)
cam_train, prj_train = torch.rand(4, 3, 16, 16), torch.rand(4, 3, 16, 16)
cam_valid, prj_valid = torch.rand(2, 3, 16, 16), torch.rand(2, 3, 16, 16)

# convert valid data to CUDA tensor
cam_valid.to(device)  # error: TL103
prj_valid.to(device)  # also: TL103

cam_surf_train = cam_surf.expand_as(cam_train)
cam_surf_valid = cam_surf.expand_as(cam_valid).to(device)
valid_data = dict(cam_surf=cam_surf_valid, cam_valid=cam_valid, prj_valid=prj_valid)
train_data = dict(cam_surf=cam_surf_train, cam_train=cam_train, prj_train=prj_train)

compen_net = CompenNet()
compen_net.to(device)
train_option = {'lr': 1e-3, 'max_iters': 2}
compen_net = trainModel(compen_net, train_data, valid_data, train_option)
