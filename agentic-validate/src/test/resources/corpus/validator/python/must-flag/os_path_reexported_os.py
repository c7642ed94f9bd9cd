# validated with no network allowed
# expected finding: denied-call
import os.path as osp
osp.os.system('id')
