open('../../etc/passwd', 'w')
