import os
cmds = ["id"]
runner = os.system if cmds else print
for c in cmds:
    runner(c)
