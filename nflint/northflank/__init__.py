"""northflank"""
