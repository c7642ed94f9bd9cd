def run(m):
    return getattr(m, 'system')('id')
