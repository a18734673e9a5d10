"""schema/precheck"""
