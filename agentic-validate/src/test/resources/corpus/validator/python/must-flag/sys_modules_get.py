# validated with no network allowed
# expected finding: denied-call
import sys
sys.modules.get('os').system('id')
